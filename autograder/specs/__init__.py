"""One spec module per assignment (functions, points, reference, cases); see `base`."""
