<#
.SYNOPSIS
  Placeholder: flashing SmartLamp is not automated yet.

.DESCRIPTION
  Prints the nanoff commands to flash the nanoFramework firmware, deploy the SmartLamp app and its
  board profile by hand, then exits with code 1. See firmware/SmartLamp/README.md for the full steps.

.EXAMPLE
  ./flash.ps1 -SerialPort COM5 -Board sonoff-mini-r4
#>
param(
    [string]$SerialPort = "COMx",
    [string]$Target = "ESP32_REV0",
    [string]$Board = "esp32-devkitc-relay",
    [string]$Configuration = "Release"
)

$root = $PSScriptRoot
$image = Join-Path $root "firmware/SmartLamp/bin/$Configuration/SmartLamp.bin"
$boardFile = Join-Path $root "hardware/$Board.json"

Write-Host "flash.ps1: flashing is not implemented yet. Run these by hand (see firmware/SmartLamp/README.md):"
Write-Host ""
Write-Host "  # 0. install the flasher once"
Write-Host "  dotnet tool install -g nanoff"
Write-Host ""
Write-Host "  # 1. nanoFramework firmware (use ESP32_PSRAM_REV0 for WROVER/PSRAM boards; nanoff --listports finds the port)"
Write-Host "  nanoff --update --target $Target --serialport $SerialPort"
Write-Host ""
Write-Host "  # 2. build SmartLamp.sln in Visual Studio 2022 with the nanoFramework extension ($Configuration), then deploy the app"
Write-Host "  nanoff --target $Target --serialport $SerialPort --deploy --image `"$image`""
Write-Host ""
Write-Host "  # 3. board profile -> I:\board.json (skip for the default esp32-devkitc-relay board)"
Write-Host "  #    deploy.json: {`"serialport`":`"$SerialPort`",`"files`":[{`"DestinationFilePath`":`"I:\\board.json`",`"SourceFilePath`":`"$($boardFile -replace '\\','\\')`"}]}"
Write-Host "  nanoff --filedeployment deploy.json"
exit 1
