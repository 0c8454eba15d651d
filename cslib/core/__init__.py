"""Foundation: located errors, file reading and atomic writing, the indicator framework,
weights, the course catalogue, findings, paths and the bilingual text tables.

Everything else builds on this layer; it imports nothing else from cslib.
"""
