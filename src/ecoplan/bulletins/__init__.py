"""Bulletins (通报): the bureau's monthly, quarterly and yearly bulletins, drafted, edited and issued."""
