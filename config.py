"""Configuration classes, read from CASEWORK_* environment variables."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"

#: The placeholder secret used in development; production refuses it.
DEV_SECRET_KEY = "casework-development-secret-not-for-production"


def env(name: str, default: str | None = None) -> str | None:
    """Read CASEWORK_<name> from the environment."""
    return os.environ.get(f"CASEWORK_{name}", default)


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value not in (None, "") else default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value in (None, ""):
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = env("DATABASE_URL", f"sqlite:///{INSTANCE / 'casework.db'}")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    CASEWORK_KEY_FILE = env("KEY_FILE", str(INSTANCE / "master.key"))
    # The whole key ring as JSON (or base64 JSON), for hosts that inject secrets as variables.
    CASEWORK_MASTER_KEYS = env("MASTER_KEYS")
    CASEWORK_EXPECTED_WORKERS = env_int("EXPECTED_WORKERS", 10_000)
    CASEWORK_BLIND_INDEX_BITS = env_int("BLIND_INDEX_BITS", 0)  # 0: derived from EXPECTED_WORKERS

    CASEWORK_ORG_NAME = env("ORG_NAME", "Casework Worker Center")
    CASEWORK_ORG_ADDRESS = env("ORG_ADDRESS", "100 Main Street\nNew York, NY 10001")
    CASEWORK_ORG_PHONE = env("ORG_PHONE", "(212) 555-0100")
    CASEWORK_ORG_EMAIL = env("ORG_EMAIL", "")
    CASEWORK_ORG_LOGO = env("ORG_LOGO", "")
    CASEWORK_PAY_BY_DAYS = env_int("PAY_BY_DAYS", 14)
    CASEWORK_RETENTION_YEARS = env_int("RETENTION_YEARS", 3)
    # Days after an installment's due date before it counts as missed.
    CASEWORK_INSTALLMENT_GRACE_DAYS = env_int("INSTALLMENT_GRACE_DAYS", 10)
    # An open case with no open deadline, or no activity for this many days, is not moving.
    CASEWORK_STALE_DAYS = env_int("STALE_DAYS", 30)
    # The dashboard's figures, stored in the database, are reused at most this long.
    CASEWORK_DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 120)

    # The job runner's queue (docs/configuration.md): empty for an SQLite file beside the
    # SQLite database (instance/casework-jobs.db otherwise); redis://host:6379/0 for Redis;
    # postgresql://... for tables in a PostgreSQL database; sqlite:////path for another file.
    CASEWORK_JOBS_URL = env("JOBS_URL", "")
    # Run jobs inside the request instead of queueing them (tests).
    CASEWORK_JOBS_IMMEDIATE = env_bool("JOBS_IMMEDIATE", False)

    # Login throttling: counters live in the database every process shares by default
    # (casework+db://), or in Redis (redis://host:6379); memory:// counts per process.
    RATELIMIT_STORAGE_URI = env("RATELIMIT_STORAGE_URI", "casework+db://")
    # Requests per API token, in a moving window (docs/api.md).
    CASEWORK_API_RATE_LIMIT = env("API_RATE_LIMIT", "120/minute")
    RATELIMIT_HEADERS_ENABLED = False
    CASEWORK_LOGIN_FAILURES = env_int("LOGIN_FAILURES", 5)
    CASEWORK_ADDRESS_FAILURES = env_int("ADDRESS_FAILURES", 50)
    CASEWORK_LOGIN_WINDOW_SECONDS = env_int("LOGIN_WINDOW_SECONDS", 60)

    CASEWORK_IDLE_TIMEOUT = timedelta(minutes=env_int("IDLE_MINUTES", 30))
    CASEWORK_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_HOURS", 8))
    PERMANENT_SESSION_LIFETIME = timedelta(hours=env_int("SESSION_HOURS", 8))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
    SESSION_COOKIE_NAME = "casework_session"
    REMEMBER_COOKIE_HTTPONLY = True

    MAX_CONTENT_LENGTH = env_int("MAX_CONTENT_LENGTH", 1024 * 1024)
    # Evidence uploads: the largest file accepted (its own request limit) and files per case.
    CASEWORK_EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
    CASEWORK_EVIDENCE_MAX_FILES = env_int("EVIDENCE_MAX_FILES", 200)
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("en", "es")

    # Argon2id cost (the design's 64 MiB, t=3); tests lower it.
    CASEWORK_ARGON2_MEMORY_KIB = env_int("ARGON2_MEMORY_KIB", 65536)
    CASEWORK_ARGON2_TIME_COST = env_int("ARGON2_TIME_COST", 3)

    @classmethod
    def problems(cls) -> list[str]:
        """What stops this configuration from serving; empty when it may start."""
        return []


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = False


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "casework-testing-secret"
    SQLALCHEMY_DATABASE_URI = env("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    CASEWORK_ARGON2_MEMORY_KIB = 1024
    CASEWORK_ARGON2_TIME_COST = 1
    CASEWORK_KEY_FILE = None
    CASEWORK_DASHBOARD_CACHE_SECONDS = 0  # tests that need the stored figures turn them on
    CASEWORK_JOBS_IMMEDIATE = True  # one test runs a real consumer (tests/jobs/)


class ProductionConfig(Config):
    ENV_NAME = "production"
    DEBUG = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    @classmethod
    def problems(cls) -> list[str]:
        found = []
        if not cls.SECRET_KEY or cls.SECRET_KEY == DEV_SECRET_KEY or len(cls.SECRET_KEY) < 32:
            found.append(
                "CASEWORK_SECRET_KEY is missing, the development default, or shorter than "
                "32 characters."
            )
        if not cls.CASEWORK_MASTER_KEYS and not cls.CASEWORK_KEY_FILE:
            found.append("No master key: set CASEWORK_KEY_FILE or CASEWORK_MASTER_KEYS.")
        if cls.DEBUG or env_bool("DEBUG", False) or os.environ.get("FLASK_DEBUG") in {"1", "true"}:
            found.append("Debug mode is on (FLASK_DEBUG / CASEWORK_DEBUG): turn it off.")
        return found


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    """The configuration class named by CASEWORK_ENV (development by default)."""
    name = name or env("ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        choices = ", ".join(CONFIGS)
        raise SystemExit(f"CASEWORK_ENV must be one of {choices}, not {name!r}.") from None
