"""The worked examples of book/svd.md, checked against the values the page computes."""
import numpy as np
import pytest


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("svd")


def test_svd_of_3_0_4_5_by_hand_and_by_the_libraries(page):
    A = page["A"]
    assert (A.T @ A).tolist() == [[25, 20], [20, 25]]
    assert page["singular_values"] == pytest.approx([np.sqrt(45), np.sqrt(5)])
    assert round(page["singular_values"][0], 4) == 6.7082 and round(page["singular_values"][1], 4) == 2.2361
    assert page["singular_values_torch"].numpy() == pytest.approx(page["singular_values"])
    assert page["eigenvalues_AtA"] == pytest.approx([5, 45])
    assert page["u1_by_hand"] == pytest.approx(np.array([1, 3]) / np.sqrt(10))
    assert page["u2_by_hand"] == pytest.approx(np.array([3, -1]) / np.sqrt(10))
    assert page["sign_free_agreement"] == pytest.approx([1, 1])
    assert page["U"][:, 0] == pytest.approx(np.array([1, 3]) / np.sqrt(10))   # the signs of the hand computation
    assert page["U"] @ page["Sigma"] @ page["Vt"] == pytest.approx(A)
    assert np.prod(page["singular_values"]) == pytest.approx(15)


def test_what_the_singular_values_tell(page):
    checks = page["checks"]
    assert checks["largest stretch over the circle"] == pytest.approx(np.sqrt(45), rel=1e-3)
    assert checks["np.linalg.norm(A, 2)"] == pytest.approx(np.sqrt(45))
    assert checks["condition number"] == pytest.approx(3)
    assert checks["Frobenius norm"] == pytest.approx(checks["sqrt(sum sigma^2)"])
    assert checks["|det A|"] == pytest.approx(checks["sigma_1 * sigma_2"]) == 15
    assert sorted(np.linalg.eigvals(page["A"]).tolist()) == pytest.approx([3, 5])


def test_image_compression_obeys_eckart_young(page):
    photo, s = page["photo"], page["s_photo"]
    assert photo.shape == (214, 320)
    for k in page["photo_ranks"]:
        difference = photo - page["approximations"][k]
        assert np.linalg.norm(difference, 2) == pytest.approx(s[k], rel=1e-8)
        assert np.linalg.norm(difference) == pytest.approx(np.sqrt(np.sum(s[k:] ** 2)), rel=1e-8)
        assert page["storage_shares"][k] == k * (214 + 320 + 1) / (214 * 320)
    errors = [page["relative_errors"][k] for k in page["photo_ranks"]]
    assert errors == sorted(errors, reverse=True) and errors[1] < 0.2


def test_pseudo_inverse_gives_the_least_squares_line(page):
    for w in (page["w_svd"], page["w_pinv"], page["w_pinv_torch"].numpy()):
        assert w == pytest.approx([1.1, 1.1])


def test_pca_variances_are_squared_singular_values(page):
    assert page["variances_from_svd"] == pytest.approx(page["covariance_eigenvalues"][::-1])
    assert page["Vt_cloud"][0] @ page["covariance_eigenvectors"][:, -1] == pytest.approx(1, abs=1e-9) or (
        page["Vt_cloud"][0] @ page["covariance_eigenvectors"][:, -1] == pytest.approx(-1, abs=1e-9))


def test_self_check_answers():
    assert np.linalg.svd(np.diag([-2.0, 1.0]), compute_uv=False).tolist() == [2.0, 1.0]
    assert 10 * (1000 + 500 + 1) == 15_010 and round(15_010 / 500_000, 2) == 0.03
    q, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((4, 4)))
    assert np.linalg.svd(q, compute_uv=False) == pytest.approx([1, 1, 1, 1])
    assert np.linalg.norm(np.array([[3, 0], [4, 5]]) @ [1, 1]) / np.sqrt(2) == pytest.approx(np.sqrt(45))
