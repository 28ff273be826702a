"""Sequential sampling (Yan et al., Deep Lesion Graphs): each training item is a sequence of lesions
ordered by decreasing similarity to its anchor, and the loss asks each step to be farther than the last.

Order: anchor; the same lesion at another timepoint; another lesion of the same type, the closest in
the body; another of the same type; one of another type (half the time one of the closest in the
body, where types are hardest to tell apart). Without lesion identities (real DeepLesion has none),
the second member is a copy of the anchor, made different by augmentation.

Sequences are drawn inside batches made of whole patients, so one forward pass serves every
sequence of the batch (about one sequence per embedding instead of one per five), and the hardest
negatives of matching, other lesions of the same patient, are always at hand.
"""
from collections import defaultdict

import numpy as np

# The other-type member is drawn from this many batch lesions closest to the anchor, when hard.
HARD_NEGATIVES = 3


def location(record):
    return np.asarray(record.get("normalizedLocation") or [np.nan] * 3, dtype=np.float64)


class SequenceSampler:
    """Groups labelled lesions by patient and yields batches with their sequences."""

    def __init__(self, records, rng: np.random.Generator):
        self.records = records
        self.rng = rng
        self.types = np.array([r["lesionType"] for r in records])
        self.locations = np.stack([location(r) for r in records])
        self.studies = np.array([r["studyIndex"] for r in records])
        self.identities = np.array(
            [
                f"{r['patientId']}\t{r['lesionId']}" if r.get("lesionId") is not None else f"bookmark\t{n}"
                for n, r in enumerate(records)
            ]
        )
        self.by_patient = defaultdict(list)
        for n, record in enumerate(records):
            if self.types[n] > 0:
                self.by_patient[record["patientId"]].append(n)
        self.patient_ids = sorted(self.by_patient)

    def batches(self, patients_per_batch):
        """One epoch: every patient once, in random groups. Yields (members, sequences): the record
        indices to embed (a record may appear twice, as its own augmented twin) and an array of
        sequences [anchor, same, near, far, other] as positions in `members`."""
        order = self.rng.permutation(len(self.patient_ids))
        for start in range(0, len(order), patients_per_batch):
            group = [self.patient_ids[p] for p in order[start : start + patients_per_batch]]
            members = [n for patient in group for n in self.by_patient[patient]]
            batch = self.sequences_within(members)
            if batch is not None:
                yield batch

    def sequences_within(self, members):
        members = list(members)
        types = self.types[members]
        identities = self.identities[members]
        studies = self.studies[members]
        locations = self.locations[members]
        sequences = []
        for a in range(len(members)):
            same_type = np.flatnonzero((types == types[a]) & (identities != identities[a]))
            other_type = np.flatnonzero(types != types[a])
            if same_type.size < 2 or other_type.size == 0:
                continue
            twins = np.flatnonzero((identities == identities[a]) & (studies != studies[a]))
            if twins.size > 0:
                twin = int(self.rng.choice(twins))
            else:
                members.append(members[a])
                twin = len(members) - 1
            near_distance = self.distances(locations, same_type, a)
            near = int(same_type[np.argmin(near_distance)])
            far = int(self.rng.choice(same_type[same_type != near]))
            sequences.append([a, twin, near, far, self.other_type(locations, other_type, a)])
        if not sequences:
            return None
        return np.array(members, dtype=np.int64), np.array(sequences, dtype=np.int64)

    @staticmethod
    def distances(locations, candidates, anchor):
        distance = np.linalg.norm(locations[candidates] - locations[anchor], axis=1)
        return np.where(np.isnan(distance), np.inf, distance)

    def other_type(self, locations, candidates, anchor):
        if self.rng.random() < 0.5:
            distance = self.distances(locations, candidates, anchor)
            if np.isfinite(distance).any():
                return int(self.rng.choice(candidates[np.argsort(distance)[:HARD_NEGATIVES]]))
        return int(self.rng.choice(candidates))
