"""What an export can be imported as (the ``--as`` values), without importing anything heavy."""

KINDS: tuple[str, ...] = ("delphi_ratings", "relevance", "ahp_survey", "reaction", "ratings_360")
