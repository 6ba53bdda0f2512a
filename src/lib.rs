//! planq reads Chinese government plan documents (年度重点工作任务 notices, 五年规划纲要)
//! into an exact model and answers questions about them with a small query language.
//!
//! Data flows one way: bytes → text → [`model`] → query AST → rows → output.
pub mod cli;
pub mod error;
pub mod export;
pub mod home;
pub mod ingest;
pub mod memory;
pub mod model;
pub mod output;
pub mod query;
pub mod repl;
