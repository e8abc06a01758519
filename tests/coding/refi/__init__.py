from pathlib import Path

from django.conf import settings

# The REFI-QDA schemas and sample are third-party files kept beside the checkout (../shared/refi),
# or beside the folder of checkouts (a git worktree one level further down); never copied in.
_BASE = Path(settings.BASE_DIR)
REFI = next((p for p in (_BASE.parent / "shared" / "refi", _BASE.parent.parent / "shared" / "refi") if p.is_dir()),
            _BASE.parent / "shared" / "refi")
