"""The actors layer: person and organization mentions clustered into actors.

Returns `Actor` values (`cluster_actors`) and the lookups other layers use to find the actor at a
span (`ActorIndex`, `ActorList`, `actor_at`). Reads the article and the entity mentions.
"""
from .clustering import ActorIndex, ActorList, actor_at, cluster_actors

__all__ = ["ActorIndex", "ActorList", "actor_at", "cluster_actors"]
