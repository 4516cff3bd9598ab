// Each test starts its own broker and devices; running them one at a time keeps timing on small CI
// machines predictable (the fleet test alone runs 200 devices).
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]
