"""deploy/k8s: valid against the Kubernetes schemas (kubernetes-validate ships them: no network),
and consistent with the service (probe routes, port, drain timing) and with each other."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
# The oldest Kubernetes release still commonly run; every field used exists there.
KUBERNETES_VERSION = "1.30.0"


def _manifests() -> dict:
    documents = {}
    for path in sorted(K8S.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            documents[document["kind"]] = document
    return documents


MANIFESTS = _manifests()


def test_the_four_resources_are_there():
    assert set(MANIFESTS) == {"Deployment", "Service", "HorizontalPodAutoscaler",
                              "PodDisruptionBudget"}


@pytest.mark.parametrize("kind", sorted(MANIFESTS))
def test_valid_against_the_kubernetes_schema(kind):
    kubernetes_validate.validate(MANIFESTS[kind], KUBERNETES_VERSION, strict=True)


def test_the_validator_refuses_a_wrong_manifest():
    broken = copy.deepcopy(MANIFESTS["Deployment"])
    broken["spec"]["replicas"] = "two"
    broken["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["pathh"] = "/"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def _container() -> dict:
    return MANIFESTS["Deployment"]["spec"]["template"]["spec"]["containers"][0]


def test_probes_call_routes_the_service_has(client):
    container = _container()
    paths = {name: container[name]["httpGet"]["path"]
             for name in ("readinessProbe", "livenessProbe", "startupProbe")}
    assert paths == {"readinessProbe": "/readyz", "livenessProbe": "/healthz",
                     "startupProbe": "/readyz"}
    for path in set(paths.values()):
        assert client.get(path).status_code == 200


def test_port_is_gunicorns():
    config = (K8S.parents[1] / "gunicorn.conf.py").read_text()
    default_port = re.search(r"'PORT', '(\d+)'", config).group(1)
    assert _container()["ports"][0]["containerPort"] == int(default_port)


def test_grace_period_covers_the_pause_and_the_drain():
    pod = MANIFESTS["Deployment"]["spec"]["template"]["spec"]
    pause = int(_container()["lifecycle"]["preStop"]["exec"]["command"][-1])
    env = {item["name"]: item["value"] for item in _container()["env"]}
    assert pause > 0
    assert pod["terminationGracePeriodSeconds"] > pause + int(env["GRACEFUL_TIMEOUT"])


def test_requests_are_sized_for_the_workers():
    env = {item["name"]: item["value"] for item in _container()["env"]}
    requests = _container()["resources"]["requests"]
    assert int(requests["cpu"]) == int(env["WORKERS"])  # one sync worker per core
    limit = _container()["resources"]["limits"]["memory"]
    # Room for a large article in flight above the measured footprint (deployment.yaml header).
    assert _mebibytes(limit) >= 1.5 * _mebibytes(requests["memory"]) >= 1.5 * 512


def _mebibytes(quantity: str) -> float:
    units = {"Mi": 1, "Gi": 1024}
    return float(quantity[:-2]) * units[quantity[-2:]]


def test_selectors_and_target_match_the_pods():
    labels = MANIFESTS["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert MANIFESTS["Service"]["spec"]["selector"].items() <= labels.items()
    assert MANIFESTS["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() \
        <= labels.items()
    target = MANIFESTS["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment",
                                                MANIFESTS["Deployment"]["metadata"]["name"])
    assert MANIFESTS["PodDisruptionBudget"]["spec"]["minAvailable"] \
        < MANIFESTS["HorizontalPodAutoscaler"]["spec"]["minReplicas"]
