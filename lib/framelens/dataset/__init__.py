"""Reading and validating a dataset: the codebook, CSV reading, rules, type conversion, the loader."""
