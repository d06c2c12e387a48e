"""Fictitious demo data: one of every kind of thing a worker center meets, in every state.

``seed()`` builds it through the same services the pages use (intake, the status
workflow, the calculator, judgments, payments, letters, shredding), so a newcomer who
runs ``flask casework seed-demo`` sees the whole product, and the crawl test opens
every page on it.
"""

from __future__ import annotations

from casework.demo.build import DEMO_PASSWORD, Demo, seed

__all__ = ["DEMO_PASSWORD", "Demo", "seed"]
