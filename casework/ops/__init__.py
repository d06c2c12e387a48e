"""Operations: backups and checked restores."""
