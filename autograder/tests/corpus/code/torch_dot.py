"""dot converts to tensors and calls torch.dot."""


def dot(a, b):
    import torch

    return float(torch.dot(torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)))
