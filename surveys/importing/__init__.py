"""The survey import: parse → detect → mapping → save (see STYLE.md, "The importer, in three layers")."""
