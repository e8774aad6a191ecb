"""Shared fixtures: paths to the shared data, one pipeline per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_TEXT = SHARED / "seed" / "000_18bc184f34f184ba.txt"
SEED_GOLD = SHARED / "seed" / "seed.gold.jsonl"
DEV = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline: spaCy model, gazetteer and actor dictionary, loaded once."""
    from sitroom.extract import Pipeline

    return Pipeline()


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    """Environment for running the real ``sitroom`` entry point in a temp folder."""
    env = dict(os.environ)
    env["SITROOM_DB"] = str(tmp_path / "test.sqlite")
    return env
