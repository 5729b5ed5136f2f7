"""Charts: every function returns a matplotlib Figure and never calls ``plt.show``."""

from framelens.charts import credibility  # noqa: F401  (claims, credibility, sourcing and timeline charts)
from framelens.charts.framing import divergence_heatmap, frame_share_heatmap, frame_share_small_multiples, valence_bars

__all__ = ["divergence_heatmap", "frame_share_heatmap", "frame_share_small_multiples", "valence_bars"]
