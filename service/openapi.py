"""Print the OpenAPI document generated from the code: `python -m service.openapi > openapi.yaml`.

The committed openapi.yaml must equal this output (a test checks it), so the marshmallow schemas
stay the single source of the contract's shapes.
"""
from __future__ import annotations

import yaml


def generate() -> str:
    from service import create_app

    app = create_app({"LOAD_MODEL": False})
    api = app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    return yaml.safe_dump(api.spec.to_dict(), sort_keys=True, allow_unicode=True)


if __name__ == "__main__":
    print(generate(), end="")
