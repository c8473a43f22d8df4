// Hồ sơ năng lực (của mình, hoặc của một cán bộ với /can-bo/nang-luc/can-bo/:id). Placeholder until its owner (W1) writes the page.
export default function Profile() {
  return null;
}
