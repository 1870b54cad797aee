"""The pipeline's command line (see interview_site/pipeline.py):

python scripts/build.py build   # write the pages (only those whose content changed)
python scripts/build.py check   # parse, check and render in memory; exit 1 on any problem
python scripts/build.py translated PAIR ...   # mark these English blocks as current
python scripts/build.py translated --all      # mark every English block as current
"""

from __future__ import annotations

import sys

from interview_site import pipeline

if __name__ == "__main__":
    sys.exit(pipeline.main())
