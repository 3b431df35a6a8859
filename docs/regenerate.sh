#!/usr/bin/env bash
# Reruns every command whose pictures or numbers README.md and docs/ show, copies the pictures into docs/images/
# and prints the console output the docs quote. Run it from anywhere after a change that moves a number or a
# picture; then compare the printed numbers with the text (tests/NeuroScope.Experiments.Tests/Docs checks the
# deterministic ones: dose, copy, the PINN error and the edge-of-stability plateau).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
images="$root/docs/images"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/NeuroScope.Cli" -c Release --nologo -v quiet >/dev/null
cli() { dotnet "$root/src/NeuroScope.Cli/bin/Release/net10.0/neuroscope.dll" "$@" --runs-dir "$work" --no-progress; }

echo "== dose (README table, docs/dose.md)"
cli dose --name dose
cp "$work/dose_001/dose_curve.png" "$images/dose_curve.png"

echo "== copy (README, docs/copy.md)"
cli copy --name copy
cp "$work/copy_001/outputs.png" "$images/copy_outputs.png"
cp "$work/copy_001/outputs_far.png" "$images/copy_outputs_far.png"
cp "$work/copy_001/loss_reward.png" "$images/copy_loss_reward.png"

echo "== fit at the edge of stability (README, docs/fit.md)"
cli fit --learning-rate 0.02 --name eos
cp "$work/eos_001/dashboard.png" "$images/fit-dashboard.png"

echo "== the edge of stability at three learning rates (README: neuroscope sweep)"
cli sweep fit --learning-rate 0.02,0.03,0.04 --frame-every 250 --metric sharpness,loss --name eos-sweep
cp "$work/eos-sweep_001/compare_sharpness.png" "$images/sweep-edge-of-stability.png"

echo "== the PINN example (README, docs/fit.md)"
cli fit --pde poisson1d --rhs "-pi^2*sin(pi*x)" --box 0,1 --boundary 0,0 --optimizer adam --learning-rate 0.003 \
  --steps 2000 --collocation 100 --name pinn
cp "$work/pinn_001/dashboard.png" "$images/fit-pinn.png"

echo "== fit in 2-D (docs/fit.md)"
cli fit --input-dimension 2 --target rbf2d --params cx=3,cy=-2,w=2 --optimizer adam --name fit2d
cp "$work/fit2d_001/dashboard.png" "$images/fit-dashboard-2d.png"

echo "== neuron (README table, docs/neuron.md)"
cli neuron --name neuron
for picture in traces parameter_paths landscape_2d landscape_3d; do
  cp "$work/neuron_001/$picture.png" "$images/neuron_$picture.png"
done
cp "$work/neuron_001/landscape_1d.png" "$images/neuron_sweeps.png"

echo "== neuron silent (docs/neuron.md)"
cli neuron silent --name silent
cp "$work/silent_001/landscape_1d.png" "$images/neuron_silent_sweeps.png"
cp "$work/silent_001/traces_recordings.png" "$images/neuron_silent_recordings.png"

echo "Pictures written to $images"
