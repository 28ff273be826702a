"""Sequential sampling (Yan et al., Deep Lesion Graphs): each training item is a sequence of lesions
ordered by decreasing similarity to its anchor, and the loss asks each step to be farther than the last.

Order: anchor; the same lesion at another timepoint; another lesion of the same type nearby; one of
the same type elsewhere; one of another type. Without lesion identities (real DeepLesion has none),
the second member is the anchor itself under a small augmentation.
"""
from collections import defaultdict

import numpy as np

# Normalized body positions (each axis 0..1) closer than this count as "nearby".
NEARBY = 0.12


def location(record):
    return np.asarray(record.get("normalizedLocation") or [np.nan] * 3, dtype=np.float64)


class SequenceSampler:
    """Draws sequences of 5 lesion indices: [anchor, same lesion, near same type, same type, other type].

    The same-lesion slot is -1 when the anchor has no other timepoint: the trainer then uses an
    augmented copy of the anchor.
    """

    def __init__(self, records, rng: np.random.Generator):
        self.records = records
        self.rng = rng
        self.types = np.array([r["lesionType"] for r in records])
        self.locations = np.stack([location(r) for r in records])
        self.patients = np.array([r["patientId"] for r in records])
        self.by_lesion = defaultdict(list)
        for n, record in enumerate(records):
            if record.get("lesionId") is not None:
                self.by_lesion[(record["patientId"], record["lesionId"])].append(n)
        self.labelled = np.flatnonzero(self.types > 0)

    def same_lesion(self, n):
        record = self.records[n]
        if record.get("lesionId") is None:
            return -1
        others = [
            m
            for m in self.by_lesion[(record["patientId"], record["lesionId"])]
            if self.records[m]["studyIndex"] != record["studyIndex"]
        ]
        return int(self.rng.choice(others)) if others else -1

    def identity(self, n):
        record = self.records[n]
        return (record["patientId"], record.get("lesionId") or f"bookmark:{record['bookmarkId']}")

    def sequence(self, anchor):
        """Indices [anchor, same, near, far, other]; None when a slot cannot be filled."""
        anchor_type = self.types[anchor]
        same_type = self.labelled[self.types[self.labelled] == anchor_type]
        other_type = self.labelled[self.types[self.labelled] != anchor_type]
        me = self.identity(anchor)
        same_type = np.array([m for m in same_type if self.identity(m) != me], dtype=np.int64)
        if same_type.size < 2 or other_type.size == 0:
            return None
        distance = np.linalg.norm(self.locations[same_type] - self.locations[anchor], axis=1)
        distance = np.where(np.isnan(distance), np.inf, distance)
        near = same_type[distance < NEARBY]
        far = same_type[distance >= NEARBY]
        if near.size == 0:
            # The closest few same-type lesions stand in for "nearby" in sparse data.
            near = same_type[np.argsort(distance)[: max(1, same_type.size // 10)]]
        if far.size == 0:
            far = same_type
        # Half the time the near one comes from the same patient: the hard case of matching.
        own = near[self.patients[near] == self.patients[anchor]]
        pool = own if own.size > 0 and self.rng.random() < 0.5 else near
        return [
            anchor,
            self.same_lesion(anchor),
            int(self.rng.choice(pool)),
            int(self.rng.choice(far)),
            int(self.rng.choice(other_type)),
        ]

    def epoch(self):
        """One sequence for every labelled lesion, in random order."""
        sequences = []
        for anchor in self.rng.permutation(self.labelled):
            seq = self.sequence(int(anchor))
            if seq is not None:
                sequences.append(seq)
        return np.array(sequences, dtype=np.int64)
