"""cosine_similarity uses torch.nn.CosineSimilarity, a module class no static rule names; the
run-time tripwire on the torch routine it calls inside catches it."""
import torch


def cosine_similarity(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    if not any(a) or not any(b):
        raise ValueError("zero vector")
    measure = torch.nn.CosineSimilarity(dim=0)
    return float(measure(torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)))
