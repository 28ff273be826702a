"""Trains the lesion embedder on patch folders and exports it to ONNX with its model card.

usage: /usr/bin/python3 build/model/train.py --train PATCHES… [--val PATCHES…] --out DIR
       [--epochs N] [--patients N] [--seed N] [--max-steps N] [--reference N]

Prints one JSON line per epoch (loss, and validation AUC / type error when --val is given), then
writes DIR/<name>.onnx and DIR/<name>.json (the model card; `npm run train:model` completes it with
the figures measured by the app's own evaluation and benchmark).
"""
import argparse
import hashlib
import json
import os
import sys
import warnings

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from metrics import pair_auc, type_error_top5  # noqa: E402
from model import LesionEmbeddingNet  # noqa: E402
from patches import INPUT_NAMES, read_patch_sets  # noqa: E402
from sequences import SequenceSampler  # noqa: E402

OPSET = 17
EMBEDDING_DIM = 64
# Hinge margins between consecutive members of a sequence, on squared distances of unit vectors
# (0..4): same lesion vs nearby same type, nearby vs elsewhere same type, same type vs other type.
MARGINS = (0.4, 0.1, 0.6)
# Weight of the auxiliary type classification (cross-entropy of a linear layer on the embedding,
# dropped at export). With a few thousand synthetic lesions instead of DeepLesion's 32,000, the
# hinges alone left lymph nodes of neighbouring regions (abdomen, pelvis) mixed; see the card.
TYPE_LOSS_WEIGHT = 1.0
LESION_TYPES = 8


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", required=True, nargs="+", help="patch folders to train on")
    parser.add_argument("--val", nargs="+", help="patch folders of held-out patients, for the epoch log")
    parser.add_argument("--out", required=True, help="folder for the .onnx and the model card")
    parser.add_argument("--name", default="lesion-embedder")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--patients", type=int, default=8, help="patients per batch (all their lesions)")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (smoke tests)")
    parser.add_argument("--reference", type=int, default=0,
                        help="also write torch's embeddings of the first N training lesions")
    return parser.parse_args(argv)


def tensors(patch_set):
    return {name: torch.from_numpy(np.ascontiguousarray(patch_set.inputs[name])) for name in INPUT_NAMES}


def augment(batch, generator):
    """Shift each lesion's images by up to one pixel and add a little noise: a bookmark is never
    drawn twice the same, and an anchor's copy must differ from it."""
    out = {}
    for name in ("patch", "context"):
        shifts = torch.randint(-1, 2, (batch[name].shape[0], 2), generator=generator).tolist()
        image = torch.stack([torch.roll(x, shifts=s, dims=(1, 2)) for x, s in zip(batch[name], shifts)])
        out[name] = image + 0.01 * torch.randn(image.shape, generator=generator)
    out["features"] = batch["features"] + 0.02 * torch.randn(batch["features"].shape, generator=generator)
    return out


def sequence_loss(embeddings):
    """Sequential triplet loss: embeddings are [batch, 5, dim], members ordered most to least alike."""
    anchor = embeddings[:, :1]
    squared = ((embeddings[:, 1:] - anchor) ** 2).sum(-1)  # [batch, 4]
    margins = torch.tensor(MARGINS)
    return torch.relu(squared[:, :-1] - squared[:, 1:] + margins).sum(1).mean()


def embed_all(model, data, batch=256):
    model.eval()
    with torch.no_grad():
        count = data["patch"].shape[0]
        parts = [
            model(*(data[name][start : start + batch] for name in INPUT_NAMES))
            for start in range(0, count, batch)
        ]
    return torch.cat(parts).numpy()


def batch_loss(model, data, members, sequences, type_head, types, generator=None):
    """Sequential triplet loss of one batch (plus the type loss when a type head is given)."""
    index = torch.from_numpy(members)
    inputs = {name: data[name][index] for name in INPUT_NAMES}
    if generator is not None:
        inputs = augment(inputs, generator)
    embeddings = model(*(inputs[name] for name in INPUT_NAMES))
    loss = sequence_loss(embeddings[torch.from_numpy(sequences)])
    if type_head is not None:
        labels = types[index]
        loss = loss + TYPE_LOSS_WEIGHT * torch.nn.functional.cross_entropy(type_head(embeddings), labels)
    return loss


def probe_loss(model, data, probe):
    """The sequence loss on fixed batches, without augmentation: comparable across epochs."""
    model.eval()
    with torch.no_grad():
        return float(np.mean([batch_loss(model, data, m, s, None, None).item() for m, s in probe]))


def train(args):
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    train_set = read_patch_sets(args.train)
    data = tensors(train_set)
    val_set = read_patch_sets(args.val) if args.val else None
    if val_set is not None and val_set.spec != train_set.spec:
        raise ValueError("the validation patches were extracted with another patch spec")
    model = LesionEmbeddingNet(
        data["patch"].shape[1], data["context"].shape[1], data["features"].shape[1], EMBEDDING_DIM
    )
    type_head = torch.nn.Linear(EMBEDDING_DIM, LESION_TYPES)
    types = torch.tensor([r["lesionType"] for r in train_set.records]) - 1
    parameters = [*model.parameters(), *type_head.parameters()]
    optimizer = torch.optim.Adam(parameters, lr=args.lr, weight_decay=1e-4)
    sampler = SequenceSampler(train_set.records, rng)
    steps_per_epoch = -(-len(sampler.patient_ids) // args.patients)
    total_steps = args.max_steps or args.epochs * steps_per_epoch
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, args.lr, total_steps=total_steps)
    probe_sampler = SequenceSampler(train_set.records, np.random.default_rng(args.seed + 1))
    probe = list(probe_sampler.batches(args.patients))[:8]
    step = 0
    history = [{"epoch": 0, "steps": 0, "probeLoss": round(probe_loss(model, data, probe), 5)}]
    print(json.dumps(history[0]), flush=True)
    for epoch in range(args.epochs):
        losses = []
        for members, sequences in sampler.batches(args.patients):
            if step >= total_steps:
                break
            model.train()
            loss = batch_loss(model, data, members, sequences, type_head, types, generator)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
            step += 1
        entry = {
            "epoch": epoch + 1,
            "steps": step,
            "loss": round(float(np.mean(losses)), 5) if losses else None,
            "probeLoss": round(probe_loss(model, data, probe), 5),
        }
        if val_set is not None:
            val_embeddings = embed_all(model, tensors(val_set))
            entry["valAuc"] = round(pair_auc(val_embeddings, val_set.records), 4)
            entry["valTypeErrorTop5"] = round(type_error_top5(val_embeddings, val_set.records), 2)
        history.append(entry)
        print(json.dumps(entry), flush=True)
        if step >= total_steps:
            break
    return model, train_set, data, history


def export(model, train_set, data, history, args):
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, f"{args.name}.onnx")
    model.eval()
    example = tuple(data[name][:2] for name in INPUT_NAMES)
    # torch 1.13 warns about its own constant folding on every export; the graph is checked below.
    warnings.filterwarnings("ignore", message="The shape inference of prim::Constant")
    torch.onnx.export(
        model,
        example,
        onnx_path,
        opset_version=OPSET,
        input_names=list(INPUT_NAMES),
        output_names=["embedding"],
        dynamic_axes={name: {0: "batch"} for name in (*INPUT_NAMES, "embedding")},
    )
    import onnx  # Debian's python3-onnx: checks the exported graph before it ships.

    onnx.checker.check_model(onnx.load(onnx_path))
    with open(onnx_path, "rb") as handle:
        sha256 = hashlib.sha256(handle.read()).hexdigest()
    patients = {r["patientId"] for r in train_set.records}
    card = {
        "name": args.name,
        "version": args.version,
        "file": os.path.basename(onnx_path),
        "sha256": sha256,
        "opset": OPSET,
        "inputs": [
            {"name": name, "shape": ["batch", *data[name].shape[1:]]} for name in INPUT_NAMES
        ],
        "output": {"name": "embedding", "dimension": EMBEDDING_DIM, "unitLength": True},
        "patchSpec": train_set.spec,
        "training": {
            "lesions": len(train_set),
            "patients": len(patients),
            "epochs": len(history),
            "steps": history[-1]["steps"] if history else 0,
            "patientsPerBatch": args.patients,
            "seed": args.seed,
            "loss": "sequential triplet (Yan et al.): hinge on consecutive squared distances, plus auxiliary type cross-entropy",
            "margins": list(MARGINS),
            "typeLossWeight": TYPE_LOSS_WEIGHT,
            "history": history,
        },
    }
    with open(os.path.join(args.out, f"{args.name}.json"), "w", encoding="utf-8") as handle:
        json.dump(card, handle, indent=2)
        handle.write("\n")
    if args.reference:
        reference = embed_all(model, {name: data[name][: args.reference] for name in INPUT_NAMES})
        with open(os.path.join(args.out, f"{args.name}.reference.json"), "w", encoding="utf-8") as handle:
            json.dump({"count": args.reference, "embeddings": reference.tolist()}, handle)


def main(argv):
    args = parse_args(argv)
    model, train_set, data, history = train(args)
    export(model, train_set, data, history, args)


if __name__ == "__main__":
    main(sys.argv[1:])
