"""Validation figures during training, defined as in the TypeScript evaluation (electron/core/eval):
same-lesion AUC over a patient's cross-study pairs, and top-5 retrieval type error across patients.
"""
import numpy as np


def pair_auc(embeddings, records):
    """ROC AUC of -distance for same-lesion vs other-lesion pairs of one patient in different studies."""
    positives, negatives = [], []
    by_patient = {}
    for n, record in enumerate(records):
        by_patient.setdefault(record["patientId"], []).append(n)
    for members in by_patient.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                ra, rb = records[a], records[b]
                if ra["studyIndex"] == rb["studyIndex"] or ra.get("lesionId") is None:
                    continue
                distance = float(np.linalg.norm(embeddings[a] - embeddings[b]))
                (positives if ra["lesionId"] == rb.get("lesionId") else negatives).append(distance)
    if not positives or not negatives:
        return float("nan")
    pos = np.asarray(positives)[:, None]
    neg = np.asarray(negatives)[None, :]
    # A positive pair should be closer: count wins, ties as half.
    return float(((pos < neg).sum() + 0.5 * (pos == neg).sum()) / (pos.size * neg.size))


def type_error_top5(embeddings, records, k=5):
    """Percent of the k nearest lesions of other patients whose type differs from the query's."""
    types = np.array([r["lesionType"] for r in records])
    patients = np.array([r["patientId"] for r in records])
    labelled = np.flatnonzero(types > 0)
    emb = embeddings[labelled]
    squared = (emb * emb).sum(1)
    distance = squared[:, None] + squared[None, :] - 2 * emb @ emb.T
    same_patient = patients[labelled][:, None] == patients[labelled][None, :]
    distance[same_patient] = np.inf
    nearest = np.argsort(distance, axis=1)[:, :k]
    wrong = types[labelled][nearest] != types[labelled][:, None]
    return float(100 * wrong.mean())
