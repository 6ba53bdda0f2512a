//! html cases (being written).
