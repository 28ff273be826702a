"""The lesion embedding network: a small two-branch CNN plus RECIST features, L2-normalized output.

Small on purpose (about 72 MFLOPs a lesion): it must embed 500+ lesions/s on two CPU cores.
"""
import torch
from torch import nn
import torch.nn.functional as F


def conv_block(channels_in: int, channels_out: int) -> nn.Sequential:
    """3x3 convolution, batch norm, ReLU: folded into one Conv node at ONNX export."""
    return nn.Sequential(
        nn.Conv2d(channels_in, channels_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(channels_out),
        nn.ReLU(inplace=True),
    )


class LesionEmbeddingNet(nn.Module):
    """Maps (patch, context, features) to a unit-length embedding of `embedding_dim` values.

    patch: N x C x 32 x 32, the windowed planes around the lesion at a fixed 2 mm scale.
    context: N x K x 32 x 32, the key slice over a wide field in K windows (where in the body it is).
    features: N x 2, log RECIST diameters.
    """

    def __init__(self, patch_channels: int, context_channels: int, feature_count: int, embedding_dim: int = 64):
        super().__init__()
        self.patch_branch = nn.Sequential(
            conv_block(patch_channels, 32),
            conv_block(32, 32),
            nn.MaxPool2d(2),  # 16 x 16
            conv_block(32, 64),
            conv_block(64, 64),
            nn.MaxPool2d(2),  # 8 x 8
            conv_block(64, 96),
            conv_block(96, 96),
            nn.MaxPool2d(2),  # 4 x 4: keeps where in the patch things are, not only what
            nn.Flatten(),
            nn.Linear(96 * 16, 128),
            nn.ReLU(inplace=True),
        )
        self.context_branch = nn.Sequential(
            conv_block(context_channels, 16),
            nn.MaxPool2d(2),
            conv_block(16, 32),
            nn.MaxPool2d(2),
            conv_block(32, 32),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(32 * 16, 64),
            nn.ReLU(inplace=True),
        )
        self.feature_branch = nn.Sequential(nn.Linear(feature_count, 16), nn.ReLU(inplace=True))
        self.head = nn.Sequential(
            nn.Linear(128 + 64 + 16, 128),
            nn.ReLU(inplace=True),
            nn.Linear(128, embedding_dim),
        )

    def forward(self, patch: torch.Tensor, context: torch.Tensor, features: torch.Tensor):
        joined = torch.cat(
            [self.patch_branch(patch), self.context_branch(context), self.feature_branch(features)],
            dim=1,
        )
        return F.normalize(self.head(joined), dim=1)
