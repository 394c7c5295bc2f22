"""Coalition Tracker: curated, evidence-backed records as pandas frames.

Plain Python: nothing here imports streamlit, so all of it is tested with pytest.
"""
from .filters import cells, changes, filter_events, filter_stances
from .frames import Frames, build
from .paths import DEFAULT_DATA, ENV_VAR, PROJECT_ROOT, data_path
from .validate import DataError, Dataset, Problem, check, load

__all__ = [
    "DEFAULT_DATA", "ENV_VAR", "PROJECT_ROOT", "DataError", "Dataset", "Frames", "Problem", "build", "cells",
    "changes", "check", "data_path", "filter_events", "filter_stances", "load", "load_frames",
]


def load_frames(path=None, today=None) -> Frames:
    """Validate the data file and build its frames; raises DataError when invalid."""
    return build(load(path, today=today))
