"""Small adapters from the view models in ``coalition.views`` to the ordered renderers: plotly (matrix,
timeline) and pydeck (map). No streamlit here either.
"""
