"""The Qdrant Edge client on a folder on disk."""

import pytest

from pravo.core.store.edge import EdgeClient


def test_second_client_on_the_same_folder_is_refused(tmp_path):
    first = EdgeClient(str(tmp_path))
    with pytest.raises(RuntimeError, match="already accessed"):
        EdgeClient(str(tmp_path))
    first.close()
    EdgeClient(str(tmp_path)).close()
