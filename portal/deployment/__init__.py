"""The pieces that let the portal run on more than one machine (docs/deployment.md).

``router`` sends the public pages' reads to a streaming replica that has caught
up with them, and everything else to the primary; ``replicas`` chooses that
replica and skips one that is down; ``pinning`` keeps a browser that has just
written on the primary; ``cache`` is the shared Redis cache that degrades to a
miss when Redis is gone; ``signins`` counts failed sign-ins in that cache.
"""
