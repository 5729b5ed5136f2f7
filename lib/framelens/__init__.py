"""FrameLens: compare how outlets of different blocs framed the same events.

>>> import framelens
>>> ds = framelens.load_dataset("data")          # doctest: +SKIP
>>> ds.statements.groupby("outlet_bloc", observed=False).size()  # doctest: +SKIP
"""

from framelens.codebook import Codebook, load_codebook
from framelens.loader import Dataset, load_dataset
from framelens.problems import DatasetError, Problem

__version__ = "0.1.0"
__all__ = ["Codebook", "Dataset", "DatasetError", "Problem", "load_codebook", "load_dataset", "__version__"]
