"""What each chart draws, as plain data (no streamlit, no renderer): grids, rows, colours, labels, geometry.

A renderer adapter in ``coalition.render`` turns a view model into a plotly figure or a pydeck deck.
"""
