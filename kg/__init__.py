"""DiploKG: a knowledge graph of diplomatic visits, summits and delegations built from news."""

__version__ = "0.1.0"
