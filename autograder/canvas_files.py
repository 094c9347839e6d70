"""The file names of Canvas's "Download submissions" zip, read back into who handed in what.

Canvas names each uploaded file `<name>_<user id>_<submission id>_<original file name>`, where
<name> is the student's sortable name in lower case without spaces, `_LATE` follows the name for
late work, and an upload whose name the student used before gets `-1`, `-2`... before the
extension (`dot_product-1.ipynb`). The student is the name part before the first `_<digits>_`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

CANVAS_NAME = re.compile(r"^(?P<name>.+?)_(?:(?P<late>LATE)_)?(?P<user>\d+)_(?:(?P<submission>\d+)_)?(?P<file>.+)$")
RESUBMISSION = re.compile(r"^(?P<stem>.+?)-(?P<count>\d+)$")


@dataclass(frozen=True)
class CanvasFile:
    name: str  # the name part: the student id the grades use
    canvas_user_id: str
    submission_id: str
    late: bool
    original: str  # the file name the student uploaded, resubmission suffix removed
    resubmission: int  # 0 for the first upload of that name, then 1, 2, ...

    @property
    def order(self) -> tuple[int, int]:
        """Later uploads sort last: by resubmission count, then by Canvas's submission id."""
        return self.resubmission, int(self.submission_id or 0)


def parse(file_name: str) -> CanvasFile | None:
    """The parts of a Canvas download's file name; None for a name Canvas does not make."""
    match = CANVAS_NAME.match(file_name)
    if match is None:
        return None
    original = match["file"]
    path = PurePath(original)
    count = RESUBMISSION.match(path.stem)
    if count is not None:
        original, resubmission = count["stem"] + path.suffix, int(count["count"])
    else:
        resubmission = 0
    return CanvasFile(match["name"], match["user"], match["submission"] or "", bool(match["late"]),
                      original, resubmission)
