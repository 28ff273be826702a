// Makes sure the system tools the test suite uses are installed: installs the missing Debian
// packages when it can (root + apt-get), otherwise prints the exact command and fails.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** What the suite needs, and the Debian package that provides it. */
const REQUIREMENTS = [
  {
    what: 'Chromium (renderer end-to-end tests)',
    check: () => existsSync('/usr/bin/chromium'),
    pkg: 'chromium',
  },
  {
    what: 'dcmtk (dcmftest, dsrdump, dcmcjpeg, dcmcjpls, dcmcrle)',
    check: () => onPath('dcmftest') && onPath('dcmcjpls'),
    pkg: 'dcmtk',
  },
  { what: 'dicom3tools (dciodvfy)', check: () => onPath('dciodvfy'), pkg: 'dicom3tools' },
  { what: 'GDCM tools (gdcmconv)', check: () => onPath('gdcmconv'), pkg: 'libgdcm-tools' },
  {
    what: 'PyTorch for Debian python3 (model training test)',
    check: () => pythonHas('torch'),
    pkg: 'python3-torch',
  },
  {
    what: 'ONNX for Debian python3 (model export test)',
    check: () => pythonHas('onnx'),
    pkg: 'python3-onnx',
  },
]

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

function pythonHas(module) {
  // Debian's interpreter: another python3 may come first on PATH and cannot see Debian's packages.
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0
}

export function provision() {
  const missing = REQUIREMENTS.filter((r) => !r.check())
  if (missing.length === 0) return true
  const packages = [...new Set(missing.map((r) => r.pkg))]
  const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`
  console.log(`provision: missing ${missing.map((r) => r.what).join('; ')}`)
  const canInstall = process.getuid?.() === 0 && onPath('apt-get')
  if (!canInstall) {
    console.error(
      `provision: cannot install system packages as this user. Run:\n  sudo apt-get update && sudo ${command}`,
    )
    return false
  }
  console.log(`provision: ${command}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('sh', ['-c', `${command} >/dev/null`], { stdio: 'inherit', env })
  } catch {
    console.error(`provision: installing failed. Run by hand:\n  apt-get update && ${command}`)
    return false
  }
  const still = missing.filter((r) => !r.check())
  for (const r of still)
    console.error(`provision: still missing after install: ${r.what} (package ${r.pkg})`)
  return still.length === 0
}
