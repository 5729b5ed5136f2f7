"""From articles to draft rows: extract quoted statements with their speakers (``extract``), suggest tags learnt
from a coded dataset (``suggest``) and copy the suggestions a person accepts into the tags (``accept``).

A person always decides: suggestions live in ``suggested_<column>`` columns beside the tags and never replace a tag
someone set. ``extract`` needs only the core install; ``suggest`` needs the ``assist`` extra (scikit-learn).
"""
