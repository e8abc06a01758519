"""Graded questions linked to categories: the links that put a category's Likert results
beside its codes on the dashboard and in the report, set on the category's card, in one
survey-wide grid (questions × categories) or by `link_questions`, with suggestions drawn from
the question text and the category's name and description that the admin confirms."""
