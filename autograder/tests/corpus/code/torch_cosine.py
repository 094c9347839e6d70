"""cosine_similarity calls torch.nn.functional.cosine_similarity."""


def cosine_similarity(a, b):
    import torch
    import torch.nn.functional as F

    x, y = torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)
    return float(F.cosine_similarity(x, y, dim=0))
