# Shared by ./run and .ci/run: a uv-managed .venv with the exact pins of requirements.txt.
export UV_PYTHON_DOWNLOADS=never   # no python downloads here: fail fast instead
if ! uv --version >/dev/null 2>&1; then   # (a pyenv shim may exist but not run)
  [ -x .ci/.tools/bin/uv ] || python3 -m pip install -q --root-user-action=ignore --target .ci/.tools uv
  export PATH="$PWD/.ci/.tools/bin:$PATH"
fi
uv venv -q --allow-existing .venv      # python from .python-version (3.12)
uv pip sync -q --python .venv/bin/python requirements.txt        # exact pins, no registry URLs in the repo
