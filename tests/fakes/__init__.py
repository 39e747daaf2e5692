"""Local stand-ins for the hosted services: servers on 127.0.0.1 that speak the OpenAI
chat-completions and Replicate predictions protocols (with injectable faults), and pytest
fixtures for them and for moto's S3 server. See servers.py and fixtures.py."""
