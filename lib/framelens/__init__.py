"""FrameLens: compare how outlets of different blocs framed the same events.

>>> import framelens
>>> shipped = framelens.load_dataset("data")
>>> shipped.statements.groupby("outlet_bloc", observed=False).size().to_dict()
{'ukrainian': 92, 'russian': 97, 'russian_independent': 72, 'western': 125, 'other': 93}
"""

from framelens.dataset.codebook import Codebook, load_codebook
from framelens.dataset.loader import Dataset, load_dataset
from framelens.dataset.problems import DatasetError, Problem

__version__ = "0.1.0"
__all__ = ["Codebook", "Dataset", "DatasetError", "Problem", "load_codebook", "load_dataset", "__version__"]
