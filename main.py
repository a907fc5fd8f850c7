"""Start the CCHC Desktop window from a source checkout: ``python main.py [--db PATH] …``.

Options: --db PATH, --lang vi|en, --report ID, --section N, --screenshot FILE
(see ``python main.py --help``).
"""

import sys

from cchc_desktop.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
