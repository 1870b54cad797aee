# Debian packages for scripts/test.sh and scripts/serve.sh (sourced by both): what the machine
# lacks is installed with apt-get, as root or through sudo. On a new machine another apt often
# runs at first (unattended upgrades): wait for it instead of failing at once.

# How long to wait for another apt or dpkg to finish, in seconds.
APT_LOCK_WAIT=600

# FriBiDi, which Pillow's bundled text shaper (libraqm) loads at run time: share cards set English
# quotes and apostrophes proportionally with it (scripts/interview_site/cards.py), as deployed.
fribidi_missing() {
  ! ldconfig -p | grep 'libfribidi\.so\.0' >/dev/null
}

apt_install() {
  local sudo="" out waited=0
  [ "$(id -u)" = 0 ] || sudo="sudo"
  # DPkg::Lock::Timeout makes `apt-get install` wait for dpkg's lock, but `apt-get update` does
  # not wait for the package lists' lock with it (apt 2.6 fails at once: "Could not get lock
  # /var/lib/apt/lists/lock"), so that one is retried while another apt holds it.
  until out=$($sudo apt-get -o DPkg::Lock::Timeout=$APT_LOCK_WAIT update -qq 2>&1); do
    if ! grep -q "Could not get lock" <<<"$out" || [ "$waited" -ge "$APT_LOCK_WAIT" ]; then
      echo "$out" >&2
      return 1
    fi
    sleep 5
    waited=$((waited + 5))
  done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=$APT_LOCK_WAIT install -y -qq "$@" >/dev/null
}
