"""Charts: every function returns a matplotlib Figure and never calls ``plt.show``.

One module per analysis (claims, credibility, framing, overview, sourcing, timeline, agreement);
every chart is also importable from ``framelens.charts``.
"""

from framelens.charts.agreement import alpha_chart
from framelens.charts.claims import figures_chart
from framelens.charts.credibility import admiralty_heatmap, track_record_chart
from framelens.charts.framing import divergence_heatmap, frame_share_heatmap, frame_share_panels, valence_bars
from framelens.charts.overview import publication_timelines
from framelens.charts.sourcing import hedging_chart, relay_graph_chart, relay_layout, top_relay_subgraph
from framelens.charts.timeline import timeline_chart

__all__ = [
    "admiralty_heatmap",
    "alpha_chart",
    "divergence_heatmap",
    "figures_chart",
    "frame_share_heatmap",
    "frame_share_panels",
    "hedging_chart",
    "publication_timelines",
    "relay_graph_chart",
    "relay_layout",
    "timeline_chart",
    "top_relay_subgraph",
    "track_record_chart",
    "valence_bars",
]
