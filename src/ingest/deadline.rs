//! Deadlines: the day a 完成时限 means (6月底前 → 06-30 of the plan year).
