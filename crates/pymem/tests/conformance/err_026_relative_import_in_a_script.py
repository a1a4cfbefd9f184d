# A script runs as __main__, which is in no package: a relative import has
# nothing to be relative to.
try:
    from . import sibling
except ImportError as e:
    print(type(e).__name__, e)
try:
    from .helpers import tool
except ImportError as e:
    print(type(e).__name__, e)
from .. import anything
