"""Local stand-ins for the hosted services: servers on 127.0.0.1 that speak the OpenAI
chat-completions and Replicate predictions protocols (with injectable faults, Replicate's rate
limit and deadlines, and every Replicate input checked against the model's published schema in
schemas/), and pytest fixtures for them and for moto's S3 server. See servers.py, schemas.py and
fixtures.py."""
