"""A survey as a whole (admin): its settings (title, short name, period, description,
small-cell threshold, blind mode) with their history, and deleting it with a typed
confirmation, leaving a surveys.SurveyLog row that outlives it."""
