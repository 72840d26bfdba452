// Live tests of the embedded cluster must never reach a real Pacemaker that another test (the
// Pacemaker backend's) runs on this machine at the same time: only that test turns the backend on.
process.env.PCS_LITE_NO_LOCAL_PACEMAKER = "1";
