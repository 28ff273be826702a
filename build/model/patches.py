"""Reads a patch folder written by `lesiontrack patches` (the same extractor the app runs).

Raw little-endian float32 arrays, one file per network input, and patches.json with the patch spec,
the shapes and one record per lesion. Nothing here preprocesses: what the file holds is what the
network sees, at training and at inference.
"""
import json
import os
from dataclasses import dataclass

import numpy as np

PATCH_FORMAT = "lesiontrack-patches"
PATCH_FORMAT_VERSION = 1
INPUT_NAMES = ("patch", "context", "features")


@dataclass
class PatchSet:
    """All lesions of one patch folder: the spec, one record each, and the three input arrays."""

    spec: dict
    records: list
    inputs: dict

    def __len__(self):
        return len(self.records)


def read_patch_set(folder: str) -> PatchSet:
    """Loads `folder`; raises ValueError naming the file when it is not a patch folder."""
    index_path = os.path.join(folder, "patches.json")
    with open(index_path, encoding="utf-8") as handle:
        index = json.load(handle)
    if index.get("format") != PATCH_FORMAT or index.get("formatVersion") != PATCH_FORMAT_VERSION:
        raise ValueError(f"{index_path}: not a {PATCH_FORMAT} v{PATCH_FORMAT_VERSION} index")
    inputs = {}
    for name in INPUT_NAMES:
        entry = index["inputs"][name]
        path = os.path.join(folder, entry["file"])
        data = np.fromfile(path, dtype="<f4")
        expected = int(np.prod(entry["shape"]))
        if data.size != expected:
            raise ValueError(f"{path}: {data.size} values, the index says {expected}")
        inputs[name] = data.reshape(entry["shape"])
    return PatchSet(spec=index["spec"], records=index["lesions"], inputs=inputs)


def read_patch_sets(folders) -> PatchSet:
    """Concatenates several patch folders into one set (all must share one patch spec).

    Patient ids get the folder's position as a prefix: separate DeepLesion layouts number their
    patients from 000001, and two different patients must never count as one.
    """
    sets = [read_patch_set(folder) for folder in folders]
    for folder, patch_set in zip(folders[1:], sets[1:]):
        if patch_set.spec != sets[0].spec:
            raise ValueError(f"{folder} was extracted with another patch spec than {folders[0]}")
    records = [
        {**record, "patientId": f"{k}/{record['patientId']}"}
        for k, patch_set in enumerate(sets)
        for record in patch_set.records
    ]
    inputs = {name: np.concatenate([s.inputs[name] for s in sets]) for name in INPUT_NAMES}
    return PatchSet(spec=sets[0].spec, records=records, inputs=inputs)
